"""`python -m chatbot "question" [--db URL] [--lang th|en] --json`: one answer from the chatbot.

Prints the answer text, or with --json `{"intent", "answer", "sources", "slots"}` (UTF-8, Thai as
is). Exit 0 on an answer; 1 on an unexpected error.
"""

from __future__ import annotations

import argparse
import json
import sys


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m chatbot", description="Ask the city chatbot one question.")
    parser.add_argument("question", help="the message, in Thai or English")
    parser.add_argument(
        "--db", default=None, help="database URL (default: CITY_DB_URL, secrets, or sqlite:///data/city.db)"
    )
    parser.add_argument("--lang", choices=("th", "en"), default=None, help="answer language (default: the question's)")
    parser.add_argument("--json", action="store_true", help="print the JSON document instead of the text")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from chatbot.engine import Chatbot
    from data_sources import store

    bot = Chatbot(store.connect(args.db))
    reply = bot.reply(args.question, lang=args.lang)
    if args.json:
        print(json.dumps(reply.to_json(), ensure_ascii=False))
    else:
        print(reply.answer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
