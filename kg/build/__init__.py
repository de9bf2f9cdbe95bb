"""The build: the extraction pipeline of one report, the executors that run it over a
corpus, and the batch that writes every report's graph to the store."""
