/**
 * Judging models and samples: classifier features, Fréchet distance, kernel MMD, precision/recall, mode
 * coverage, ROC-AUC, and the classifier file format.
 * Above the families.
 */
package org.gen4j.eval;
