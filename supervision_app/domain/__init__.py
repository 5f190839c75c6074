"""The domain core: plain data and rules, with no Qt and no SQL."""
