"""learn: training the learned event layer (needs scikit-learn; the runtime does not)."""
