"""The encrypted vault: keys, the key file, the OS keyring and the single-instance lock."""
