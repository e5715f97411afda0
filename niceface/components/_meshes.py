"""Pure reading of 3D model files (.glb, .gltf, .stl, .obj): which format a file is, the box
its vertices fill, and an OBJ mesh as binary STL (the viewer reads glTF and STL).

Nothing here touches the UI; numpy loads on first use. Only what a file holds is read: a
.gltf's external buffers (other files) are never opened.
"""
from __future__ import annotations

import json
import re
import struct
from typing import Any

from ..exceptions import InputError

Box = tuple[tuple[float, float, float], tuple[float, float, float]]
FORMATS = ("glb", "gltf", "stl", "obj")
MIME_TYPES = {"glb": "model/gltf-binary", "gltf": "model/gltf+json", "stl": "model/stl", "obj": "model/obj"}
_FLOAT = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
#: a binary STL triangle: its normal, its three corners and two spare bytes (50 bytes)
_STL_RECORD = [("normal", "<f4", 3), ("points", "<f4", (3, 3)), ("extra", "<u2")]
_STL_VERTEX = re.compile(rf"vertex\s+({_FLOAT})\s+({_FLOAT})\s+({_FLOAT})".encode())


def model_format(data: bytes) -> str:
    """ "glb", "gltf", "stl" or "obj", from the file's first bytes; InputError for anything else."""
    head = data[:512].lstrip()
    if data[:4] == b"glTF":
        return "glb"
    if head.startswith(b"{") and b'"asset"' in data[:65536]:
        return "gltf"
    if head[:5].lower() == b"solid" and b"facet" in data[:4096]:
        return "stl"
    if len(data) >= 84 and len(data) == 84 + 50 * struct.unpack_from("<I", data, 80)[0]:
        return "stl"
    if re.search(rb"^\s*v\s", data[:65536], re.M) and re.search(rb"^\s*f\s", data, re.M):
        return "obj"
    raise InputError("the file is not a 3D model that can be shown (.glb, .gltf, .stl or .obj)")


def bounds(data: bytes, kind: str) -> Box | None:
    """The box (min corner, max corner) the model's vertices fill; None if it holds none."""
    import numpy as np
    points: Any
    if kind == "stl":
        points = _stl_points(data)
    elif kind == "obj":
        points = _obj_vertices(data)
    else:
        return _gltf_bounds(_gltf_json(data, kind))
    if len(points) == 0:
        return None
    low, high = np.min(points, axis=0), np.max(points, axis=0)
    return (float(low[0]), float(low[1]), float(low[2])), (float(high[0]), float(high[1]), float(high[2]))


def obj_to_stl(data: bytes) -> bytes:
    """An OBJ mesh's faces (polygons fanned into triangles) as a binary STL file."""
    import numpy as np
    vertices = _obj_vertices(data)
    triangles: list[tuple[int, int, int]] = []
    for line in data.splitlines():
        parts = line.split()
        if len(parts) < 4 or parts[0] != b"f":
            continue
        corners = [_obj_index(part, len(vertices)) for part in parts[1:]]
        triangles += [(corners[0], corners[i], corners[i + 1]) for i in range(1, len(corners) - 1)]
    faces = vertices[np.array(triangles, dtype=np.int64).reshape(-1, 3)] if triangles else np.zeros((0, 3, 3))
    normals = np.cross(faces[:, 1] - faces[:, 0], faces[:, 2] - faces[:, 0]) if len(faces) else np.zeros((0, 3))
    record = np.zeros(len(faces), dtype=_STL_RECORD)
    record["normal"], record["points"] = normals, faces
    return b"\0" * 80 + struct.pack("<I", len(faces)) + record.tobytes()


# ---- inside ---------------------------------------------------------------------------------

def _stl_points(data: bytes) -> Any:
    import numpy as np
    if data[:5].lower() == b"solid" and b"facet" in data[:4096]:
        return np.array([[float(v) for v in match] for match in _STL_VERTEX.findall(data)]).reshape(-1, 3)
    count = struct.unpack_from("<I", data, 80)[0] if len(data) >= 84 else 0
    if count == 0 or len(data) < 84 + 50 * count:
        return np.zeros((0, 3))
    return np.asarray(np.frombuffer(data, dtype=_STL_RECORD, count=count, offset=84)["points"],
                      dtype=np.float64).reshape(-1, 3)


def _obj_vertices(data: bytes) -> Any:
    import numpy as np
    rows = [line.split()[1:4] for line in data.splitlines() if line.startswith((b"v ", b"v\t"))]
    try:
        return np.array([[float(value) for value in row] for row in rows], dtype=np.float64).reshape(-1, 3)
    except ValueError:
        raise InputError("the OBJ file has a vertex that is not three numbers") from None


def _obj_index(corner: bytes, count: int) -> int:
    """The 0-based vertex of a face corner ("7", "7/2", "7//3", or negative: from the end)."""
    try:
        index = int(corner.split(b"/")[0])
    except ValueError:
        raise InputError(f"the OBJ file has a face corner that is not a vertex number: {corner[:20]!r}") from None
    index = index - 1 if index > 0 else count + index
    if not 0 <= index < count:
        raise InputError(f"the OBJ file has a face using vertex {corner.decode(errors='replace')[:20]}, "
                         f"but only {count} vertices")
    return index


def _gltf_json(data: bytes, kind: str) -> dict[str, Any]:
    try:
        if kind == "glb":
            length = struct.unpack_from("<I", data, 12)[0]
            return dict(json.loads(data[20:20 + length]))
        return dict(json.loads(data))
    except (ValueError, struct.error) as error:
        raise InputError(f"the glTF file cannot be read ({error})") from None


def _gltf_bounds(document: dict[str, Any]) -> Box | None:
    """The box of every mesh's POSITION accessor (its min and max, which glTF requires); node
    transforms are not applied (they only place the model: the view is fitted to this box)."""
    accessors = document.get("accessors") or []
    corners = [(accessors[index].get("min"), accessors[index].get("max"))
               for mesh in document.get("meshes") or [] for primitive in mesh.get("primitives") or []
               for index in [primitive.get("attributes", {}).get("POSITION")]
               if isinstance(index, int) and 0 <= index < len(accessors)]
    corners = [(low, high) for low, high in corners if isinstance(low, list) and isinstance(high, list)
               and len(low) == len(high) == 3]
    if not corners:
        return None
    low_corner = tuple(float(min(low[i] for low, _ in corners)) for i in range(3))
    high_corner = tuple(float(max(high[i] for _, high in corners)) for i in range(3))
    return (low_corner[0], low_corner[1], low_corner[2]), (high_corner[0], high_corner[1], high_corner[2])
