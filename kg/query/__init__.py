"""The questions: saved SPARQL queries, the duty matrix, exports and remote endpoints."""
