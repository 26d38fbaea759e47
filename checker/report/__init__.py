"""Reports: one Report value, one renderer per format (render(report) -> str)."""
