"""Operating crawls: the monitor's verdict, run reports, summaries and the run lock."""
