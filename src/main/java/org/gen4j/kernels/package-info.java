/**
 * The fence around the speed-ups: SIMD passes, direct BLAS, thread sharing, im2col kernels and the one access
 * layer to ND4J's native memory (NativeArray) with the fenced ND4J executioner.
 * Only stats and nn import it (PackageRulesTest); everything else sees NativeRuntime.
 */
package org.gen4j.kernels;
