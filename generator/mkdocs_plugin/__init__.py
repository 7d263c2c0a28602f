"""The MkDocs adapter: the only part of the generator that imports MkDocs."""
