"""Group and peer supervision: the list of group sessions, a new one, and writing one."""
