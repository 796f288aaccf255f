"""A bounded schemathesis run against the live server: no generated request may get a 5xx.

Schemathesis reads the schema by introspection and generates queries and mutations for every
root field — valid ones (positive) and ones that break the schema (negative). Its
``not_a_server_error`` check fails on an HTTP 5xx and, in GraphQL mode, on an execution error
that is not the client's fault (e.g. ``INTERNAL_SERVER_ERROR``).

The run signs in as the admin of Waterschap Elders: its mutations create roles and groups, and
the live server is shared by the session, so they land in the demo organisation that the other
live-server tests leave alone.
"""

import asyncio
from dataclasses import dataclass, field
from typing import Any

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis import APIOperation, Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.core.result import Ok

from tests.conftest import LiveServer

ACTOR = "beheerder@elders.example"
# Requests for the whole run, shared out over the root fields so that the run stays a few
# seconds as the schema grows; three in four are valid (positive), the rest break the schema.
BUDGET = 600
MIN_EXAMPLES = 4


@dataclass
class FuzzRun:
    operations: list[str] = field(default_factory=list)
    requests_sent: int = 0
    # The first failure per (root field, mode), so one bug does not drown the others.
    failures: dict[str, str] = field(default_factory=dict)


def fuzz(graphql_url: str, token: str) -> FuzzRun:
    """Every root field of the schema, both modes, derandomised; collects failures, not raises."""
    headers = {"Authorization": f"Bearer {token}"}
    schema = schemathesis.graphql.from_url(
        graphql_url, config=schemathesis.Config(), headers=headers, timeout=10
    )
    operations = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result.err()
        operations.append(result.ok())
    per_operation = BUDGET // len(operations)
    examples = {
        GenerationMode.POSITIVE: max(MIN_EXAMPLES, per_operation * 3 // 4),
        GenerationMode.NEGATIVE: max(MIN_EXAMPLES, per_operation // 4),
    }
    run = FuzzRun(operations=[operation.label for operation in operations])
    with requests.Session() as http:
        for operation in operations:
            for mode, count in examples.items():
                fuzz_operation(operation, mode, count, Caller(http, headers), run)
    return run


@dataclass
class Caller:
    http: requests.Session
    headers: dict[str, str]


def fuzz_operation(
    operation: APIOperation[Any, Any, Any, Any],
    mode: GenerationMode,
    examples: int,
    caller: Caller,
    run: FuzzRun,
) -> None:
    @hypothesis_settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        # Failures are collected, not raised, so there is nothing to shrink.
        phases=[Phase.explicit, Phase.generate],
        # Generated GraphQL documents are large and slow to build by design.
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def send(case: Case[Any]) -> None:
        response = case.call(headers=caller.headers, session=caller.http)
        run.requests_sent += 1
        try:
            case.validate_response(response, checks=[not_a_server_error])
        except (Failure, FailureGroup) as failure:
            run.failures.setdefault(
                f"{operation.label} ({mode.value})", f"HTTP {response.status_code}: {failure}"
            )

    send()


async def test_no_generated_request_gets_a_server_error(live_server: LiveServer) -> None:
    # given
    url = f"{live_server.base_url}/graphql"
    token = live_server.tokens[ACTOR]
    # when: schemathesis and requests are synchronous; keep them off the event loop
    run = await asyncio.to_thread(fuzz, url, token)
    # then
    assert run.failures == {}
    assert {"Query.viewer", "Query.organisations", "Query.node"} <= set(run.operations)
    assert any(label.startswith("Mutation.") for label in run.operations)
    assert run.requests_sent >= len(run.operations) * 2
