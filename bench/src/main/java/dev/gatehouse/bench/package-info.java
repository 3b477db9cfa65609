/** JMH benchmarks of Gatehouse's hot paths. */
package dev.gatehouse.bench;
