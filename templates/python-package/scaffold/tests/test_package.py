import unittest

import mypackage


class PackageTest(unittest.TestCase):
    def test_has_a_version(self):
        self.assertRegex(mypackage.__version__, r"^\d+\.\d+\.\d+$")


if __name__ == "__main__":
    unittest.main()
