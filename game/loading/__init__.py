"""The loading edge: the only place that reads YAML. Everything inside the engine is trusted."""
