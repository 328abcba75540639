"""
A Concert session with the registry's metadata handler (``concert edit radiography`` and paste, or
``concert start`` a file like this one). The imports and the experiment are Concert's own; what is
new is marked "registry".
"""

import logging
import os

import numpy as np

import concert
from concert.devices.cameras.dummy import Camera
from concert.devices.motors.dummy import LinearMotor
from concert.experiments.addons.local import ImageWriter
from concert.experiments.dummy import ImagingExperiment
from concert.quantities import q
from concert.storage import DirectoryWalker

from beamtime_registry import FileHandler, MetadataHandlersMixin, RegistryHandler  # registry

concert.require("0.33.0")

__doc__ = "Radiography of one sample; metadata to files and to the Beamtime Sample Registry"


# registry: Concert 0.33 has no metadata_handlers= yet; the mixin adds it. Drop it once it does.
class Radiography(MetadataHandlersMixin, ImagingExperiment):
    pass


camera = await Camera(background=np.full((256, 256), 100, dtype=np.uint16))  # noqa: F704 (a session is async)
motor = await LinearMotor()  # noqa: F704
walker = await DirectoryWalker(root=os.path.expanduser("~/data/2026-0042"))  # noqa: F704

# registry: the token comes from /admin/tokens (scopes samples:read, datasets:write), kept out of this file.
registry = await RegistryHandler(  # noqa: F704
    "https://registry.example.org/api/v1",
    os.environ["BEAMTIME_REGISTRY_TOKEN"],
    "S-DEMO-04",  # the specimen ID, or the scanned QR text
    os.path.expanduser("~/.local/state/beamtime-registry"),  # spool and metadata copies
    instrument="KIT/KARA/UFO",
)

experiment = await Radiography(  # noqa: F704
    10, 10, 100, camera=camera, walker=walker, random="off",
    metadata_handlers=[await FileHandler(), registry],  # noqa: F704
)
experiment.add_device_to_log("sample_motor", motor)
await experiment.set_log_level("info")  # noqa: F704
await ImageWriter(experiment)  # noqa: F704

# Next sample: scan its code and make a new handler (the spool directory can stay the same):
#   await registry.aclose()
#   registry = await RegistryHandler(..., "S-DEMO-05", ...)
#   experiment.metadata_handlers[-1] = registry
#
# After an outage, everything spooled goes with the next acquisition, or now:
#   await registry.flush()
# At the end of the session:
#   await registry.aclose()
logging.getLogger(__name__).info("Run with: await experiment.run()")
