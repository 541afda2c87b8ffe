"""Analysis of validated plans: what changed between two, the portfolio of accounts, plan health."""
