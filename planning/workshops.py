"""Workshops: create, list, open, join codes."""
from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
from dataclasses import dataclass


from planning import catalogue
from planning.errors import NotFound, ValidationError
from planning.roles import Actor, require_facilitator
from planning.store import Store, new_id, now
from planning.validation import clean_text
from planning.text import Key

LEVELS = ("province", "city", "block")      # จังหวัด / เมือง / ย่าน
CITY_TYPES = ("livable", "new")             # เมืองเดิมน่าอยู่ / เมืองใหม่ทันสมัย
NAME_MAX = 120
AREA_MAX = 120
HORIZON_MIN, HORIZON_MAX = 1, 20
START_MIN, START_MAX = dt.date(2015, 1, 1), dt.date(2100, 12, 31)
# No 0/O, 1/I/L: codes are read off a projector and typed on phones.
JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LEN = 6

_COLUMNS = ("id, name, province_code, target_area, level, city_type, horizon_years, start_date,"
            " join_code, target_lat, target_lon, is_sample, created_at")
_SELECT = "SELECT " + _COLUMNS + " FROM workshop "
_INSERT = "INSERT INTO workshop (name_key, " + _COLUMNS + ") VALUES (" + ", ".join("?" * 14) + ")"


@dataclass(frozen=True)
class Workshop:
    id: str
    name: str
    province_code: str
    target_area: str
    level: str
    city_type: str
    horizon_years: int
    start_date: dt.date
    join_code: str
    target_lat: float | None
    target_lon: float | None
    is_sample: bool
    created_at: dt.datetime

    @property
    def province(self) -> catalogue.Province:
        return catalogue.province(self.province_code)

    @property
    def target_point(self) -> tuple[float, float]:
        """The marked target area, or the province's label point until one is set."""
        if self.target_lat is not None and self.target_lon is not None:
            return self.target_lat, self.target_lon
        p = self.province
        return p.lat, p.lon


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LEN))


def normalise_join_code(code: str | None) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def validate_point(lat, lon) -> tuple[float, float]:
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        raise ValidationError("error.bad_point") from None
    # Thailand's extent with a margin: a point outside it is a typing mistake.
    if not (5.0 <= lat <= 21.0 and 97.0 <= lon <= 106.0):
        raise ValidationError("error.point_outside_thailand")
    return lat, lon


def create_workshop(store: Store, actor: Actor, *, name: str, province_code: str,
                    target_area: str, level: str, city_type: str, horizon_years: int,
                    start_date: dt.date, target_lat=None, target_lon=None,
                    is_sample: bool = False) -> Workshop:
    require_facilitator(actor)
    name = clean_text(name, "field.workshop_name", NAME_MAX)
    target_area = clean_text(target_area, "field.target_area", AREA_MAX)
    province_code = str(province_code or "").strip()
    if catalogue.province(province_code) is None:
        raise ValidationError("error.unknown_province", code=province_code)
    if level not in LEVELS:
        raise ValidationError("error.bad_choice", field=Key("field.level"))
    if city_type not in CITY_TYPES:
        raise ValidationError("error.bad_choice", field=Key("field.city_type"))
    try:
        horizon_years = int(horizon_years)
    except (TypeError, ValueError):
        raise ValidationError("error.horizon", min=HORIZON_MIN, max=HORIZON_MAX) from None
    if not HORIZON_MIN <= horizon_years <= HORIZON_MAX:
        raise ValidationError("error.horizon", min=HORIZON_MIN, max=HORIZON_MAX)
    if not isinstance(start_date, dt.date) or not START_MIN <= start_date <= START_MAX:
        raise ValidationError("error.start_date")
    if target_lat is not None or target_lon is not None:
        target_lat, target_lon = validate_point(target_lat, target_lon)

    key = _name_key(name)
    with store.cursor() as cur:
        if cur.execute("SELECT 1 FROM workshop WHERE name_key = ?", [key]).fetchone():
            raise ValidationError("error.duplicate_workshop", name=name)
    workshop_id = new_id()
    for _ in range(5):  # join-code collisions are rare; retry a few times
        code = new_join_code()
        try:
            with store.cursor() as cur:
                cur.execute(
                    _INSERT,
                    [key, workshop_id, name, province_code, target_area, level, city_type,
                     horizon_years, start_date, code, target_lat, target_lon, is_sample, now()],
                )
            break
        except store.ConstraintError as exc:
            if "name_key" in str(exc):  # a concurrent create with the same name
                raise ValidationError("error.duplicate_workshop", name=name) from None
            if "join_code" not in str(exc):
                raise
    else:
        raise RuntimeError("could not allocate a unique join code")
    return get_workshop(store, workshop_id)


def _row(row) -> Workshop:
    return Workshop(*row)


def list_workshops(store: Store) -> list[Workshop]:
    with store.cursor() as cur:
        rows = cur.execute(_SELECT + "ORDER BY is_sample, created_at DESC").fetchall()
    return [_row(r) for r in rows]


def get_workshop(store: Store, workshop_id: str) -> Workshop:
    with store.cursor() as cur:
        row = cur.execute(_SELECT + "WHERE id = ?", [workshop_id]).fetchone()
    if row is None:
        raise NotFound("error.workshop_not_found")
    return _row(row)


def find_by_join_code(store: Store, code: str) -> Workshop | None:
    code = normalise_join_code(code)
    if len(code) != JOIN_CODE_LEN:
        return None
    with store.cursor() as cur:
        row = cur.execute(_SELECT + "WHERE join_code = ?", [code]).fetchone()
    return _row(row) if row else None


def set_target_point(store: Store, actor: Actor, workshop_id: str, lat, lon) -> Workshop:
    require_facilitator(actor)
    lat, lon = validate_point(lat, lon)
    get_workshop(store, workshop_id)
    with store.cursor() as cur:
        cur.execute("UPDATE workshop SET target_lat = ?, target_lon = ? WHERE id = ?",
                    [lat, lon, workshop_id])
    _forget(store, workshop_id)
    return get_workshop(store, workshop_id)


# ---- one reading shared by the room --------------------------------------------------------------
# Every phone's page run names its workshop (sidebar, page) and every join looks its code up: when
# a room joins at once that is the same row read sixty times a second. A workshop is never deleted
# and its code never changes; the target point is the only thing that does (set_target_point, which
# forgets the kept reading at once). DuckDB lets one process at a time open the database, so no
# other process can change a row behind this one's back.
KEEP_SECONDS = 2.0
clock = time.monotonic  # tests replace it
_kept: dict[tuple, tuple[float, Workshop]] = {}
_changes = [0]  # how many times a workshop changed in this process
_kept_lock = threading.Lock()


def _keep(store: Store, how: str, value: str, read) -> Workshop | None:
    key = (id(store), store.path, how, value)
    with _kept_lock:
        kept, generation = _kept.get(key), _changes[0]
    if kept is not None and clock() - kept[0] < KEEP_SECONDS:
        return kept[1]
    read_at = clock()
    found = read()
    if found is None:  # a code that finds nothing is asked again (and counted by the join limits)
        return None
    with _kept_lock:
        if _changes[0] == generation:  # not kept if a workshop changed while reading
            if len(_kept) > 1000:
                _kept.clear()
            _kept[key] = (read_at, found)
    return found


def _forget(store: Store, workshop_id: str) -> None:
    with _kept_lock:
        for key in [k for k, (_, w) in _kept.items() if k[:2] == (id(store), store.path) and w.id == workshop_id]:
            del _kept[key]
        _changes[0] += 1


def recent_workshop(store: Store, workshop_id: str) -> Workshop:
    """get_workshop, as read at most KEEP_SECONDS ago (see above); NotFound as there."""
    found = _keep(store, "id", workshop_id, lambda: _get_or_none(store, workshop_id))
    if found is None:
        raise NotFound("error.workshop_not_found")
    return found


def recent_by_join_code(store: Store, code: str) -> Workshop | None:
    """find_by_join_code, a found workshop as read at most KEEP_SECONDS ago (see above)."""
    return _keep(store, "code", normalise_join_code(code), lambda: find_by_join_code(store, code))


def _get_or_none(store: Store, workshop_id: str) -> Workshop | None:
    try:
        return get_workshop(store, workshop_id)
    except NotFound:
        return None
