// Importing this module registers every built-in doctor with the registry.
import './registry.js';
