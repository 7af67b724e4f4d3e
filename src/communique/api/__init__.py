"""The workbench's REST API (FastAPI): ``create_app(db_path)`` and ``python -m communique.api``."""
from communique.api.app import Settings, create_app

__all__ = ["Settings", "create_app"]
