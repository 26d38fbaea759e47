"""A corpus big enough to need several extraction batches: the sample corpus plus generated articles."""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from corpus_gen import article_text  # noqa: E402  (bench/ is not a package)


def write_scale_corpus(root: Path, generated: int = 48) -> Path:
    """The sample corpus and `generated` synthetic articles under root/corpus."""
    corpus = root / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    rng = random.Random(3)
    for n in range(generated):
        (corpus / f"gen-{n:03d}.txt").write_text(article_text(rng, n), encoding="utf-8")
    return corpus
