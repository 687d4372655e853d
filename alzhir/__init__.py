"""ALZHIR Registry: records of people persecuted in the Soviet Union, kept as sources wrote them."""
