/**
 * Fits on Apache Spark: a table or sequences read by Spark (CSV or Parquet at any Hadoop URI, or a Dataset of rows)
 * stay in their partitions; each EM pass runs there and only merged statistics reach the driver. Spark is a provided
 * dependency: only this package imports it.
 */
package org.gen4j.spark;
