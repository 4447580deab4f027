console.log("npm start: coming with the sandbox"); process.exit(1);
