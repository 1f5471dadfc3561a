"""Click commands, one module per area (extract, graph store, queries, exports, …)."""
