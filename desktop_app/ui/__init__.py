"""The Qt interface: views lay out, controllers react, services do the work."""
