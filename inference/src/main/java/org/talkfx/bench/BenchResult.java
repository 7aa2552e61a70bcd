package org.talkfx.bench;

/** One printed figure: what, how much, in which unit, and a free-form note (FLOPs, bytes, shape...). */
public record BenchResult(String benchmark, String metric, double value, String unit, String note) {
}
