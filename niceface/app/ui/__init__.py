"""[UI] The page one browser connection sees, built with NiceGUI from a Service."""
