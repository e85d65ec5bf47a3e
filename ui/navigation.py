"""Which pages exist and which roles may open them: the one table `app.py` builds navigation from.

A page a role may not use is left out of its navigation entirely, so a typed URL cannot reach it.
A page may also open to more roles while the demo city is loaded (the award presentation: anyone
may watch the synthetic city's story; with real data it is for executives and admins only).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["public", "staff", "executive", "admin"]
ROLES: tuple[Role, ...] = ("public", "staff", "executive", "admin")
Section = Literal["public", "executive", "staff", "admin"]


@dataclass(frozen=True)
class PageSpec:
    script: str  # path under pages/
    title_key: str  # i18n key of the page title
    icon: str
    url_path: str
    section: Section
    roles: tuple[Role, ...]
    default: bool = False  # the page a visitor lands on (exactly one)
    hidden_for: tuple[Role, ...] = ()  # reachable by these roles, but left out of their menu
    demo_roles: tuple[Role, ...] = ()  # reachable by these roles too while the demo city is loaded

    def open_to(self, role: Role, *, demo: bool = False) -> bool:
        return role in self.roles or (demo and role in self.demo_roles)

    def section_for(self, role: Role) -> Section:
        """Its own section for its own roles; a page opened by demo mode sits with the public pages."""
        return self.section if role in self.roles else "public"


EVERYONE: tuple[Role, ...] = ROLES
STAFF_AND_UP: tuple[Role, ...] = ("staff", "executive", "admin")
EXECUTIVES: tuple[Role, ...] = ("executive", "admin")
UPLOADERS: tuple[Role, ...] = ("staff", "admin")
ADMINS: tuple[Role, ...] = ("admin",)

PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "pages/citizen_dashboard.py",
        "nav.citizen_dashboard",
        ":material/location_city:",
        "citizen",
        "public",
        EVERYONE,
        default=True,
    ),
    PageSpec("pages/chatbot.py", "nav.chatbot", ":material/chat:", "chatbot", "public", EVERYONE),
    PageSpec(
        "pages/complaint_status.py",
        "nav.complaint_status",
        ":material/manage_search:",
        "complaint-status",
        "public",
        EVERYONE,
    ),
    PageSpec("pages/services_map.py", "nav.services_map", ":material/map:", "services", "public", EVERYONE),
    PageSpec("pages/open_data.py", "nav.open_data", ":material/download:", "open-data", "public", EVERYONE),
    PageSpec("pages/about.py", "nav.about", ":material/info:", "about", "public", EVERYONE),
    PageSpec("pages/data_status.py", "nav.data_status", ":material/database:", "data-status", "public", EVERYONE),
    PageSpec(
        "pages/mayor_dashboard.py", "nav.mayor_dashboard", ":material/dashboard:", "mayor", "executive", EXECUTIVES
    ),
    PageSpec(
        "pages/pillar_governance.py",
        "nav.pillar_governance",
        ":material/account_balance:",
        "governance",
        "executive",
        EXECUTIVES,
    ),
    PageSpec(
        "pages/pillar_living.py", "nav.pillar_living", ":material/family_restroom:", "living", "executive", EXECUTIVES
    ),
    PageSpec(
        "pages/pillar_environment.py",
        "nav.pillar_environment",
        ":material/eco:",
        "environment",
        "executive",
        EXECUTIVES,
    ),
    PageSpec(
        "pages/pillar_economy.py", "nav.pillar_economy", ":material/storefront:", "economy", "executive", EXECUTIVES
    ),
    PageSpec(
        "pages/pillar_resilience.py", "nav.pillar_resilience", ":material/flood:", "resilience", "executive", EXECUTIVES
    ),
    PageSpec("pages/city_map.py", "nav.city_map", ":material/map:", "city-map", "executive", EXECUTIVES),
    PageSpec("pages/kpi_detail.py", "nav.kpi_detail", ":material/query_stats:", "kpi", "executive", EXECUTIVES),
    PageSpec(
        "pages/present.py",
        "nav.present",
        ":material/co_present:",
        "present",
        "executive",
        EXECUTIVES,
        demo_roles=EVERYONE,
    ),
    # Signed-in people see who they are (and sign out) in the sidebar, so the page leaves their menu.
    PageSpec(
        "pages/sign_in.py", "nav.sign_in", ":material/login:", "sign-in", "public", EVERYONE, hidden_for=STAFF_AND_UP
    ),
    PageSpec(
        "pages/complaint_inbox.py", "nav.complaint_inbox", ":material/inbox:", "complaints-inbox", "staff", STAFF_AND_UP
    ),
    PageSpec("pages/upload.py", "nav.upload", ":material/upload_file:", "upload", "staff", UPLOADERS),
    PageSpec(
        "pages/upload_history.py", "nav.upload_history", ":material/history:", "upload-history", "staff", STAFF_AND_UP
    ),
    PageSpec("pages/catalogue.py", "nav.catalogue", ":material/menu_book:", "catalogue", "staff", STAFF_AND_UP),
    PageSpec("pages/accounts.py", "nav.accounts", ":material/manage_accounts:", "accounts", "admin", ADMINS),
    PageSpec("pages/audit_log.py", "nav.audit_log", ":material/policy:", "audit-log", "admin", ADMINS),
    PageSpec("pages/api_keys.py", "nav.api_keys", ":material/key:", "api-keys", "admin", ADMINS),
)


def pages_for(role: Role, *, demo: bool = False) -> list[PageSpec]:
    """The pages `role` may open; `demo` (the demo city is loaded) adds the pages open in demo mode."""
    return [page for page in PAGES if page.open_to(role, demo=demo)]
