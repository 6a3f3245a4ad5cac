"""Data files shipped with the package (the segmentation domain dictionary)."""
