#include "base/metrics.h"

#include <gtest/gtest.h>

namespace skybox {
namespace {

TEST(MetricsTest, RendersCountersAndHistogramsInPrometheusFormat) {
  MetricsRegistry r;
  r.GetCounter("t_requests_total", "Requests.", {{"service", "sts"}}).Inc(3);
  r.GetCounter("t_requests_total", "Requests.", {{"service", "sts"}}).Inc();
  Histogram& h = r.GetHistogram("t_latency_seconds", "Latency.", {}, {0.1, 1});
  h.Observe(0.05);
  h.Observe(0.5);
  h.Observe(5);
  std::string text = r.RenderPrometheus();
  EXPECT_NE(text.find("# TYPE t_requests_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("t_requests_total{service=\"sts\"} 4\n"), std::string::npos);
  EXPECT_NE(text.find("t_latency_seconds_bucket{le=\"0.1\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("t_latency_seconds_bucket{le=\"1\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("t_latency_seconds_bucket{le=\"+Inf\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("t_latency_seconds_count 3\n"), std::string::npos);
}

}  // namespace
}  // namespace skybox
