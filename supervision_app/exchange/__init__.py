"""Files exchanged between a supervisor's and a supervisee's installs: sealed, signed packs."""
