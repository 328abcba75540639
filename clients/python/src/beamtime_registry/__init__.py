"""Concert metadata handlers for the Beamtime Sample Registry."""

from .client import AuthenticationError, BackendUnavailable, RegistryClient, RegistryError
from .delivery import Delivery, DeliveryReport
from .experiment import MetadataHandlersMixin
from .handlers import FileHandler, MetadataHandler
from .registry import DatabaseHandler, HandleResult, RegistryHandler
from .spool import Spool

__all__ = [
    "AuthenticationError",
    "BackendUnavailable",
    "DatabaseHandler",
    "Delivery",
    "DeliveryReport",
    "FileHandler",
    "HandleResult",
    "MetadataHandler",
    "MetadataHandlersMixin",
    "RegistryClient",
    "RegistryError",
    "RegistryHandler",
    "Spool",
]
