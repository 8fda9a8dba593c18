echo prepare-node placeholder
