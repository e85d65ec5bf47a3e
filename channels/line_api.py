"""The LINE Messaging API as this app uses it: reply, push and message content, through the
official line-bot-sdk (v3), pointed at `LINE_API_BASE`.

The SDK fixes the content host (api-data.line.me) in each call; `RoutedClient` sends those
requests to the configured base too, so a test's fake LINE server (or a proxy) receives them.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence

from linebot.v3.messaging import (
    ApiClient,
    Configuration,
    Message,
    MessagingApi,
    MessagingApiBlob,
    PushMessageRequest,
    ReplyMessageRequest,
)
from linebot.v3.messaging.exceptions import ApiException, OpenApiException
from urllib3.exceptions import HTTPError

from channels.settings import REAL_LINE_DATA_API, LineSettings

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 10
MAX_MESSAGES = 5  # per reply or push, as the Messaging API allows
LineError = (OpenApiException, HTTPError, OSError)
ALREADY_ACCEPTED = 409  # a push whose X-Line-Retry-Key LINE has seen


class RoutedClient(ApiClient):
    def __init__(self, configuration: Configuration, data_api_base: str) -> None:
        super().__init__(configuration)
        self._data_api_base = data_api_base

    def request(self, method, url, *args, **kwargs):  # type: ignore[no-untyped-def]
        if url.startswith(REAL_LINE_DATA_API):
            url = self._data_api_base + url[len(REAL_LINE_DATA_API) :]
        return super().request(method, url, *args, **kwargs)


class LineApi:
    """Reply, push and content calls with the channel access token; failures are logged and
    reported as False/None, never raised into the webhook worker."""

    def __init__(self, settings: LineSettings) -> None:
        configuration = Configuration(host=settings.api_base, access_token=settings.access_token)
        self._client = RoutedClient(configuration, settings.data_api_base)
        self._messaging = MessagingApi(self._client)
        self._blob = MessagingApiBlob(self._client)

    def reply(self, reply_token: str, messages: Sequence[Message]) -> bool:
        request = ReplyMessageRequest(replyToken=reply_token, messages=list(messages)[:MAX_MESSAGES])
        try:
            self._messaging.reply_message(request, _request_timeout=TIMEOUT_SECONDS)
        except LineError as error:
            log.warning("LINE reply failed: %s", type(error).__name__)
            return False
        return True

    def push(self, to: str, messages: Sequence[Message], *, retry_key: str) -> bool:
        """Push to one user; `retry_key` names the notice, so LINE drops a second send of it."""
        request = PushMessageRequest(to=to, messages=list(messages)[:MAX_MESSAGES])
        key = str(uuid.uuid5(uuid.NAMESPACE_URL, retry_key))
        try:
            self._messaging.push_message(request, x_line_retry_key=key, _request_timeout=TIMEOUT_SECONDS)
        except ApiException as error:
            if error.status == ALREADY_ACCEPTED:
                return True  # this notice was pushed already (by another process): LINE sent it once
            log.warning("LINE push failed: HTTP %s", error.status)
            return False
        except LineError as error:
            log.warning("LINE push failed: %s", type(error).__name__)
            return False
        return True

    def content(self, message_id: str) -> tuple[bytes, str] | None:
        """The bytes and content type of an image (or other) message, or None."""
        try:
            response = self._blob.get_message_content_with_http_info(message_id, _request_timeout=TIMEOUT_SECONDS)
        except LineError as error:
            log.warning("LINE content fetch failed: %s", type(error).__name__)
            return None
        content_type = (response.headers or {}).get("Content-Type", "application/octet-stream")
        return bytes(response.data), str(content_type)
