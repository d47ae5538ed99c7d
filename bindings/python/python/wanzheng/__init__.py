from wanzheng._wanzheng import *  # noqa: F401,F403
