"""The learned event layer: a linear classifier over word n-grams and parse features that
codes, at root level, the sentences where no dictionary pattern fired (`method: "model"`)."""
from communique.events.learned.classes import CLASS_NAMES, CLASS_OF_ROOT, ROOTS
from communique.events.learned.layer import MODEL_FILE, LearnedLayer, Thresholds
from communique.events.learned.reader import EventModel

__all__ = ["CLASS_NAMES", "CLASS_OF_ROOT", "MODEL_FILE", "ROOTS", "EventModel", "LearnedLayer", "Thresholds"]
