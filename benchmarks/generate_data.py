"""Bulk generation of the registry: 100,000 persons and 2,000 employers (goal: persons in under a minute)."""

from harness import report, scratch_database, timed


def main() -> None:
    from accounts.generate import generate_employers, generate_persons

    results: dict = {}
    with scratch_database():
        with timed("generate 100,000 persons", results):
            made = generate_persons(100_000, seed=7)
        results["generate 100,000 persons"]["rows"] = made
        with timed("generate 2,000 employers", results):
            generate_employers(2_000, seed=7)
    report("generate_data", results, "goal: 100,000 persons in under 60 s")


if __name__ == "__main__":
    main()
