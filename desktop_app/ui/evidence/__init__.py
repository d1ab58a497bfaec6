"""Evidence files on a milestone, payment or evaluation: list, add, open, save as, remove."""
