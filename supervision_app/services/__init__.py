"""Application services: work that spans the domain and the vault, with no Qt."""
