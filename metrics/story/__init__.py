"""The award presentation's figures, criterion by criterion, all from the KPI catalogue and the store.

problem.dataset_ages(history, launch=..., now=...)   # who keeps each dataset, how old it was and is
plan: the Mayor Dashboard's own `compute_all` result for the period (pillars, KPIs, city score)
process.process_counts(counts, versions, frames)     # uploads accepted/rejected, rows, versions
results.results(frames, history, launch=..., context=...)  # trends since launch, before/after
"""
