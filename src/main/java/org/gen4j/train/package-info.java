/**
 * Training recipes (YAML) and runs: run folders with a lock, checkpoints, metrics, resuming, reports and
 * hyperparameter search.
 * Above the families.
 */
package org.gen4j.train;
