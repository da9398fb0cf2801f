using System.Runtime.Versioning;

// The Bicep CLI these tests run is the linux-x64 build, and deploy.sh is a bash script: the tests run on Linux only.
[assembly: SupportedOSPlatform("linux")]
