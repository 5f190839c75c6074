"""The Qt layer: wires widgets, loaded from the ``ui/`` forms, to the services."""
