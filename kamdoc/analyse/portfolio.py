"""The key account portfolio: revenue ranking (80/20), attractiveness against our position, partnerships, knock-outs and plan health."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kamdoc.analyse.health import Health, Summary, plans_health
from kamdoc.standard.plan import Plan
from kamdoc.standard.programme import Programme
from kamdoc.standard.sections import SECTIONS, Figure
from kamdoc.standard.vocab import values

B_SHARE = 0.95
"""The B accounts bring the cumulative share up to this; the C accounts are the rest."""
MIDDLE = 3.0
"""Scores and positions run from 1 to 5; at 3 or above an account counts as attractive / we count as strong."""
UNIT = {"one": 1.0, "thousand": 1e3, "million": 1e6, None: 1.0}
ATTITUDE_SCORE = {"mentor": 5.0, "positive": 4.0, "neutral": 3.0, "negative": 2.0, "enemy": 1.0}
PARTNERSHIP_SCORE = {"lean": 1.0, "operative": 3.0, "strategic": 5.0}
FULL_WALLET = 50.0
"""A share of wallet of this many percent or more counts as the strongest position (5)."""
# Quadrant -> its strategy; the order is the matrix's: top left, top right, bottom left, bottom right.
QUADRANTS = {"question-mark": "selective", "star": "develop", "dog": "withdraw", "cash-cow": "maintain"}
FIGURES: tuple[tuple[str, Figure], ...] = tuple((s.key, f) for s in SECTIONS for f in s.figures)
"""What sections give the portfolio per account (the potential left to win), with their section's key."""


@dataclass
class Account:
    """One plan seen from the programme: revenue, scores, position, partnership, knock-outs."""

    plan: str
    account: str
    revenue: float = 0.0  # last actual year, in the reporting currency (units of one)
    year: int | None = None
    currency: str | None = None
    attractiveness: float | None = None
    position: float | None = None
    quadrant: str | None = None
    partnership: str | None = None
    knocked_out: list[tuple[str, str]] = field(default_factory=list)  # (criterion name, reason)
    unanswered: list[str] = field(default_factory=list)  # knock-out criteria not answered
    scored: int = 0  # criteria scored
    rank: int = 0
    share: float = 0.0
    cumulative: float = 0.0
    core: bool = False  # among the accounts that make the Pareto share (80 %) of revenue or gross profit: class A
    gross_profit: float = 0.0  # the last actual year's revenue times each product's margin, in the reporting currency
    margin_missing: bool = False  # a product sold that year has no margin: its gross profit counts as none
    abc: str = ""  # A, B or C by the cumulative share
    figures: dict[str, float] = field(default_factory=dict)  # each section's figure, in the reporting currency


@dataclass
class Portfolio:
    """Everything `kamdoc portfolio` shows."""

    today: date
    programme: Programme
    accounts: list[Account]  # valid plans, by revenue, largest first
    health: list[Health]  # every plan, invalid ones too, in plan order
    invalid: list[str]  # plans left out of the analysis because they do not validate
    missing_rates: dict[str, list[str]]  # currency -> plans whose revenue could not be converted
    total: float = 0.0
    core_count: int = 0
    top_share: float = 0.0
    top3_share: float = 0.0

    @property
    def figures(self) -> list[Figure]:
        """The sections' figures at least one account has, in the standard's order."""
        return [f for _, f in FIGURES if any(f.key in a.figures for a in self.accounts)]

    @property
    def matrix(self) -> list[Account]:
        """The accounts that can be placed in the portfolio matrix (scored and with a known position)."""
        return [a for a in self.accounts if a.quadrant]

    def quadrant_counts(self) -> dict[str, int]:
        """How many accounts sit in each quadrant, in the matrix's order."""
        return {q: sum(1 for a in self.matrix if a.quadrant == q) for q in QUADRANTS}

    def partnership_counts(self) -> dict[str | None, int]:
        """How many accounts have each partnership level, and (under None) none."""
        return {
            level: sum(1 for a in self.accounts if a.partnership == level) for level in (*values("partnership"), None)
        }


def analyse(summaries: list[Summary], today: date, programme: Programme, language: str | None = None) -> Portfolio:
    """The portfolio of the plans summarised (each validated against the programme); each plan's health said in
    `language`, or without one in the plan's own."""
    health = plans_health(summaries, today, programme, language)
    accounts: list[Account] = []
    invalid: list[str] = []
    missing: dict[str, list[str]] = {}
    for summary in summaries:
        if summary.plan is None:
            invalid.append(summary.shown)
            continue
        account = account_of(summary.shown, summary.account, summary.plan, programme)
        if account.year is not None and programme.rate(account.currency) is None:
            missing.setdefault(account.currency or "", []).append(account.plan)
        accounts.append(account)
    portfolio = Portfolio(today, programme, accounts, health, invalid, missing)
    rank(portfolio)
    return portfolio


def account_of(shown_plan: str, name: str, plan: Plan, programme: Programme) -> Account:
    """One plan's place in the portfolio."""
    fin = plan.financials
    account = Account(shown_plan, name, currency=fin.currency or programme.currency)
    actual_years = [year for product in fin.products for year in product.actual]
    if actual_years:
        account.year = max(actual_years)
        local = sum(product.actual.get(account.year, 0.0) for product in fin.products) * UNIT[fin.unit]
        rate = programme.rate(account.currency)
        account.revenue = local * rate if rate is not None else 0.0
        sold = [p for p in fin.products if p.actual.get(account.year)]
        profit = sum(p.actual[account.year] * (p.margin or 0.0) / 100 for p in sold) * UNIT[fin.unit]
        account.gross_profit = profit * rate if rate is not None else 0.0
        account.margin_missing = any(p.margin is None for p in sold)
    account.figures = figures(plan, programme.rate(account.currency))
    a = plan.assessment
    weights = programme.weights() if programme.criteria else {}
    if a is not None:
        account.partnership = a.partnership
        scored = {cid: s.score for cid, s in a.scores.items() if cid in weights}
        account.scored = len(scored)
        if scored:
            weight = sum(weights[cid] for cid in scored)
            account.attractiveness = sum(weights[cid] * score for cid, score in scored.items()) / weight
        names = {k.id: k.name for k in programme.knock_outs}
        for kid, kname in names.items():
            answer = a.knock_outs.get(kid)
            if answer is None:
                account.unanswered.append(kname)
            elif not answer.met:
                account.knocked_out.append((kname, answer.reason or ""))
    else:
        account.unanswered = [k.name for k in programme.knock_outs]
    account.position = position(plan)
    if account.attractiveness is not None and account.position is not None:
        account.quadrant = quadrant(account.attractiveness, account.position)
    return account


def figures(plan: Plan, rate: float | None) -> dict[str, float]:
    """What the plan's sections give the portfolio, in the reporting currency (none without a rate: an unknown rate
    is said once, for revenue)."""
    if rate is None:
        return {}
    unit = UNIT[plan.financials.unit]
    made = {figure.key: figure.of(getattr(plan, key)) for key, figure in FIGURES}
    return {key: value * unit * rate for key, value in made.items() if value is not None}


def position(plan: Plan) -> float | None:
    """How strong we are at the account, 1 to 5: the mean of share of wallet, the decision-makers' attitude and the partnership, as far as known."""
    parts: list[float] = []
    a = plan.assessment
    if a is not None and a.share_of_wallet is not None:
        parts.append(1 + 4 * min(a.share_of_wallet, FULL_WALLET) / FULL_WALLET)
    attitudes = [
        ATTITUDE_SCORE[p.attitude] for p in plan.power_map.people if "decision-maker" in p.roles and p.attitude
    ]
    if attitudes:
        parts.append(sum(attitudes) / len(attitudes))
    if a is not None and a.partnership:
        parts.append(PARTNERSHIP_SCORE[a.partnership])
    return sum(parts) / len(parts) if parts else None


def quadrant(attractiveness: float, strength: float) -> str:
    """The matrix quadrant: stars (attractive, strong), question marks (attractive, weak), cash cows, dogs."""
    if attractiveness >= MIDDLE:
        return "star" if strength >= MIDDLE else "question-mark"
    return "cash-cow" if strength >= MIDDLE else "dog"


def rank(portfolio: Portfolio) -> None:
    """Rank the accounts by revenue or gross profit (`portfolio.rank_by`), mark the A accounts that make the Pareto
    share of it (the B accounts up to B_SHARE, then C); concentration of the top 1 and top 3."""
    by_profit = portfolio.programme.rank_by == "gross_profit"

    def measure(a: Account) -> float:
        return a.gross_profit if by_profit else a.revenue

    accounts = sorted(portfolio.accounts, key=lambda a: (-measure(a), a.account.casefold(), a.plan))
    total = sum(measure(a) for a in accounts)
    pareto = portfolio.programme.pareto_share
    running = 0.0
    reached = False
    for number, account in enumerate(accounts, 1):
        account.rank = number
        before = running
        account.share = measure(account) / total if total else 0.0
        running += account.share
        account.cumulative = running
        # The smallest set of top accounts whose share reaches the line: the one that crosses it belongs to it.
        account.core = bool(total) and not reached and measure(account) > 0
        reached = reached or running >= pareto - 1e-9
        account.abc = "A" if account.core else "B" if total and before < B_SHARE - 1e-9 else "C"
    portfolio.accounts = accounts
    portfolio.total = total
    portfolio.core_count = sum(1 for a in accounts if a.core)
    portfolio.top_share = accounts[0].share if accounts else 0.0
    portfolio.top3_share = sum(a.share for a in accounts[:3])
