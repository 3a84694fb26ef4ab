"""Language analysis over spaCy. Everything here turns spaCy objects into ``nlp.records`` before
returning, so the rest of newsgraph never imports spaCy."""
