"""The GUI of the exchange between installs: pairing, importing and sending packs."""
