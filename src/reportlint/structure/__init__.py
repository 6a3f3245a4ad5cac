"""Structure: outline (title, cover letter, attachment, sections) and the pack's required parts."""
