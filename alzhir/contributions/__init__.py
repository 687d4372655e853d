"""What relatives send: corrections, memories and photos, held back until a moderator
approves them, then kept as new evidence (a record of a contribution source) beside the rest."""
