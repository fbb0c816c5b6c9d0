/**
 * The model contract every family implements (Sampler, DensityModel, LatentModel, AnomalyScorer), saving and
 * loading models (ModelIO: bounded, validating readers of zips and .npy), atomic file writes, provenance and seeds.
 * Depends on nothing else in gen4j.
 */
package org.gen4j.core;
