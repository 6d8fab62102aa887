"""The desktop app: a thin Qt layer that only presents the core (dafu.*)."""
