"""Whether a figure or date is stated as fact or as a plan, forecast or target.

The cue nearest before the claim in its clause decides: "expect trade to reach $200 billion
in 2023 after it hit a record $190 billion" gives FORECAST for the first figure and ACTUAL
for the second, because "hit" stands between "expect" and the second figure.
"""

from __future__ import annotations

from checker.model import Modality
from checker.patterns import compile_pattern, finditer

MODALITY_CUES: dict[str, Modality] = {
    # plans and hopes
    "aim to": Modality.TARGET, "aims to": Modality.TARGET, "aiming to": Modality.TARGET,
    "target": Modality.TARGET, "targets": Modality.TARGET, "targeted": Modality.TARGET,
    "goal": Modality.TARGET, "pledged to": Modality.TARGET, "seek to": Modality.TARGET,
    "expect": Modality.FORECAST, "expects": Modality.FORECAST, "expected": Modality.FORECAST,
    "forecast": Modality.FORECAST, "forecasts": Modality.FORECAST, "projected": Modality.FORECAST,
    "projects": Modality.FORECAST, "predicted": Modality.FORECAST, "could": Modality.FORECAST,
    "may": Modality.FORECAST, "might": Modality.FORECAST, "likely to": Modality.FORECAST,
    "on track to": Modality.FORECAST, "set to": Modality.FORECAST, "will": Modality.FORECAST,
    "would": Modality.FORECAST, "estimate": Modality.FORECAST, "estimates": Modality.FORECAST,
    "scheduled": Modality.SCHEDULED, "planned": Modality.SCHEDULED, "plans to": Modality.SCHEDULED,
    "due to": Modality.SCHEDULED, "is to": Modality.SCHEDULED, "invitation": Modality.SCHEDULED,
    "upcoming": Modality.SCHEDULED,
    # statements of fact: a past verb after a forecast word resets the reading
    "reached": Modality.ACTUAL, "reach": Modality.ACTUAL, "hit": Modality.ACTUAL, "rose": Modality.ACTUAL,
    "fell": Modality.ACTUAL, "grew": Modality.ACTUAL, "totalled": Modality.ACTUAL,
    "totaled": Modality.ACTUAL, "amounted": Modality.ACTUAL, "stood at": Modality.ACTUAL,
    "was": Modality.ACTUAL, "were": Modality.ACTUAL, "exceeded": Modality.ACTUAL,
    "surpassed": Modality.ACTUAL, "topped": Modality.ACTUAL, "climbed": Modality.ACTUAL,
    "jumped": Modality.ACTUAL, "increased": Modality.ACTUAL, "decreased": Modality.ACTUAL,
    "dropped": Modality.ACTUAL, "met": Modality.ACTUAL, "held": Modality.ACTUAL,
    "said": Modality.ACTUAL, "has": Modality.ACTUAL, "have": Modality.ACTUAL,
}  # fmt: skip

MODALITY_CUE = compile_pattern(
    r"(?<!\w)(?P<aux>(?:to|would|will|could|may|might|should|can)\s+)?(?P<cue>\L<cues>)(?!\w)",
    cues=MODALITY_CUES,
)


def modality_before(text: str, start: int, end: int) -> Modality:
    """The modality given by the last cue in text[start:end] (ACTUAL when there is none)."""
    last = None
    for m in finditer(MODALITY_CUE, text, start, end):
        cue = m["cue"]
        if cue == "May":  # the month, not the modal verb
            continue
        if m["aux"] and MODALITY_CUES[cue.lower()].is_actual:
            # "expected to hit", "would reach": a verb after "to" or a modal states no fact;
            # the modal itself ("would", "may") is the cue.
            aux = m["aux"].strip().lower()
            last = aux if aux in MODALITY_CUES else last
            continue
        last = cue.lower()
    return MODALITY_CUES.get(last, Modality.ACTUAL) if last else Modality.ACTUAL
