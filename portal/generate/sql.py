"""SQL building blocks of the generator: deterministic hashes, check characters, sequences, id blocks."""

from __future__ import annotations

from accounts.identifiers import CREDIT_ALPHABET, CREDIT_WEIGHTS, ID_CHECK_CHARS, ID_WEIGHTS
from workflow.rules.codes import TRACKING_ALPHABET

# A 32-bit integer hash (xor-shift and multiply, three rounds): a deterministic, well-spread stand-in for random()
# whose draws under different salts are independent (the same scale and seed always make the same rows).
_MIX = 0x45D9F3B
_MASK = 0xFFFFFFFF


def h(expr: str, salt: int, mod: int) -> str:
    """SQL for a value in [0, mod) that looks random but depends only on `expr` (an integer) and `salt`."""
    x = f"((({expr})::bigint + {salt * 0x9E3779B1 % 2**32}) & {_MASK})"
    x = f"((({x} # ({x} >> 16)) * {_MIX}) & {_MASK})"
    x = f"((({x} # ({x} >> 16)) * {_MIX}) & {_MASK})"
    x = f"({x} # ({x} >> 16))"
    return f"(({x} * {mod}) >> 32)"


def id_check(first17: str) -> str:
    """SQL for the GB 11643 check character of a 17-digit SQL string expression."""
    terms = " + ".join(f"substr({first17}, {i + 1}, 1)::int * {w}" for i, w in enumerate(ID_WEIGHTS))
    return f"substr('{ID_CHECK_CHARS}', 1 + ({terms}) % 11, 1)"


def credit_check(first17: str) -> str:
    """SQL for the GB 32100 check character of a 17-character SQL string expression."""
    terms = " + ".join(f"(strpos('{CREDIT_ALPHABET}', substr({first17}, {i + 1}, 1)) - 1) * {w}"
                       for i, w in enumerate(CREDIT_WEIGHTS))
    return f"substr('{CREDIT_ALPHABET}', 1 + (31 - ({terms}) % 31) % 31, 1)"


def case_number_check(body14: str) -> str:
    """SQL for the ISO 7064 MOD 11-2 character of a 14-digit case-number body (workflow.rules.codes)."""
    weights = [2 ** (14 - p) % 11 for p in range(14)]  # the rightmost digit weighs 2, as mod11_check counts
    terms = " + ".join(f"substr({body14}, {p + 1}, 1)::int * {w}" for p, w in enumerate(weights))
    return f"substr('10X98765432', 1 + ({terms}) % 11, 1)"


def tracking_code(digest: str) -> str:
    """SQL for a 16-symbol tracking code from a bytea digest column (one symbol per byte, Crockford base32)."""
    return " || ".join(f"substr('{TRACKING_ALPHABET}', 1 + get_byte({digest}, {i}) % 32, 1)" for i in range(16))


def array(values) -> str:
    """A SQL array literal of integers or strings."""
    items = ", ".join(str(v) if isinstance(v, int) else "'" + str(v).replace("'", "''") + "'" for v in values)
    return f"ARRAY[{items}]"


def reserve_ids(cursor, table: str, count: int) -> int:
    """Move the table's id sequence past `count` ids and return the id before the first (rows get base + n,
    n from 1): later stages then name the rows by arithmetic instead of looking them up."""
    cursor.execute(f"SELECT pg_get_serial_sequence('{table}', 'id')")
    seq = cursor.fetchone()[0]
    cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")
    base = cursor.fetchone()[0]
    cursor.execute(f"SELECT last_value, is_called FROM {seq}")
    last, called = cursor.fetchone()
    base = max(base, last if called else last - 1)
    cursor.execute("SELECT setval(%s, %s)", [seq, base + count + 1])
    return base


def bump_sequences(cursor, select_sql: str) -> None:
    """Raise workflow's named counters (case numbers, orders, insurance numbers) to what the generated rows used:
    `select_sql` yields (key, last value); the application then continues after them."""
    cursor.execute(f"""
        INSERT INTO workflow_sequence (key, value)
        SELECT key, max(value) FROM ({select_sql}) AS used(key, value) GROUP BY key
        ON CONFLICT (key) DO UPDATE SET value = greatest(workflow_sequence.value, EXCLUDED.value)""")


def with_params(sql: str) -> str:
    """Let SQL written with plain % (modulo) take %(name)s parameters: every other % is doubled."""
    return sql.replace("%", "%%").replace("%%(", "%(")


def drop_secondary_indexes(cursor, tables: list[str]) -> list[str]:
    """Drop the tables' unique constraints and indexes other than the primary key and return the statements that
    make them again: building an index once over the loaded rows is several times faster than keeping it up to
    date row by row (measured on the contribution table, README)."""
    again = []
    for table in tables:
        cursor.execute("""SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                          WHERE conrelid = %s::regclass AND contype = 'u'""", [table])
        constraints = cursor.fetchall()
        cursor.execute("""SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
                          WHERE i.indrelid = %s::regclass AND NOT i.indisprimary
                            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""", [table])
        indexes = cursor.fetchall()
        for name, _definition in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
            again.append(definition)
        again += [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}' for name, definition in constraints]
    return again
